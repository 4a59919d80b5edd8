from .stage_loop import StageTrainLoop

__all__ = ['StageTrainLoop']
